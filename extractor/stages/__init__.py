"""One module per extraction stage; each is a spaCy component (see base.Stage)."""
