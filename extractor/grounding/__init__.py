"""Grounding: align model quotes to the source and clean text for prompts."""

from extractor.grounding.align import align_quote
from extractor.grounding.clean import CleanedText, clean_for_prompt

__all__ = ["CleanedText", "align_quote", "clean_for_prompt"]
