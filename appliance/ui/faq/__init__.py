"""The FAQ (knowledge base)."""
