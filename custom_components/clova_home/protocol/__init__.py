"""The Clova Home protocol, free of Home Assistant: messages, errors, catalog, signatures."""
