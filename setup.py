"""Packaging detail pyproject.toml cannot express: `prompts/` (a top-level
folder of data) ships inside the wheel as the package `extractor.prompts`;
`extractor/data/` (JSON tables and the gazetteer index, no Python) and the review app's templates and
static files are listed as data packages so setuptools ships them without a
warning."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["extractor", "extractor.*"]),
        "extractor.data",
        "extractor.data.attacks",
        "extractor.data.figures",
        "extractor.prompts",
        "extractor.review.templates",
        "extractor.review.static",
    ],
    package_dir={"extractor.prompts": "prompts"},
    package_data={
        "extractor.data": ["*.json", "*.sqlite3"],
        "extractor.data.attacks": ["*.json"],
        "extractor.data.figures": ["*.json"],
        "extractor.prompts": ["*.j2", "*.json"],
        "extractor.review.templates": ["*.html"],
        "extractor.review.static": ["*.js", "*.css"],
    },
)
