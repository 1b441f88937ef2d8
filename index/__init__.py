"""The Whoosh index: schema, German analysis, writing, querying."""
