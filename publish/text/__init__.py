"""Text support shared by the stages: character classes, line shapes, personal names."""
