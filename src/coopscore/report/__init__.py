"""The report model: format-neutral blocks between the analyses and the writers."""
