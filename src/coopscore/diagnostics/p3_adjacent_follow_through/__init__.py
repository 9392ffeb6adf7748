"""P3: its logic (`logic`), its words (`words`) and its documentation (README.md)."""
