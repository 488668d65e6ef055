"""Packaging detail pyproject.toml cannot express: `prompts/` (a top-level
folder of data) ships inside the wheel as the package `extractor.prompts`;
`extractor/data/` (JSON tables, no Python) is listed as a data package so
setuptools ships it without a warning."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["extractor", "extractor.*"]),
        "extractor.data",
        "extractor.prompts",
    ],
    package_dir={"extractor.prompts": "prompts"},
    package_data={
        "extractor.data": ["*.json"],
        "extractor.prompts": ["*.j2", "*.json"],
        "extractor.review": ["templates/*.html", "static/*.js", "static/*.css"],
    },
)
