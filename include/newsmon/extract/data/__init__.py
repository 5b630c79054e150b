"""Package data of the extractor: the versioned agency registry (agencies.json)."""
