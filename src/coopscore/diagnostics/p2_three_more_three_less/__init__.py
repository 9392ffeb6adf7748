"""P2: its logic (`logic`), its words (`words`) and its documentation (README.md)."""
