"""Kept for the ticket screen's imports while it moves: FAQ suggestions live in
``appliance.store.faq`` (``faq_for_text``, rows of type ``Article``)."""

from appliance.store.faq import Article, faq_for_text

FaqMatch = Article

__all__ = ["FaqMatch", "faq_for_text"]
