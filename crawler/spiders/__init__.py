"""The spiders: start URLs and which links to follow; they hand on raw pages and failures, nothing else."""
