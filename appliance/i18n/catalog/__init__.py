"""One module per area of the product; each defines ``STRINGS``."""
