"""scripts/bench: Clova Home's performance measured against Alexa inside one Home Assistant."""
