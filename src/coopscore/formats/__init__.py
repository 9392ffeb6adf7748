"""Output formats: each module turns an Assessment into one format and nothing else."""
