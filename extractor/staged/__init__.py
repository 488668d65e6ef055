"""The staged engine: records built by code from what the text offers, with narrow choices.

Its modules flow one way, each importing only those before it:

1. `candidates`: deterministic finders (sentences, speech events and their
   speakers, casualty figures, attacks, places, dates) with exact offsets;
2. `questions`: the choices those candidates leave open (speaker, claimant,
   campaign total), each with its rule's answer;
3. `asking` and `answers`: each question answered by the model where it is
   put to it, else by its rule; `type_rules` answers the statement type;
4. `records`: incidents and statements assembled from candidates and answers;
5. `engine`: `run_staged`, the path through all four.

`normalise` and `grounding` are below it; the strategies that use it
(`staged`, `rules`) are above it. The import-linter contracts in
pyproject.toml hold both.
"""
