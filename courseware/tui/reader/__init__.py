"""The chapter reader: table of contents, the chapter document, search across sections.

Marks sections read as the learner scrolls through them.
"""
