"""Normalisation: publication and relative dates, places, figures and actors."""

from extractor.normalise.actors import normalise_actor
from extractor.normalise.dates import resolve_date
from extractor.normalise.figures import ParsedFigure, figure_in_text, parse_figure
from extractor.normalise.language import detect_language
from extractor.normalise.places import normalise_place
from extractor.normalise.pubdate import detect_published

__all__ = [
    "ParsedFigure",
    "detect_language",
    "detect_published",
    "figure_in_text",
    "normalise_actor",
    "normalise_place",
    "parse_figure",
    "resolve_date",
]
