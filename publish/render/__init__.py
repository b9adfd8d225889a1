"""What the backends share: the render context and its templates, Chinese typesetting rules,
page setup, fonts, the generated cover, and the issue as plain text."""
