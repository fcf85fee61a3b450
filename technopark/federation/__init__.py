"""Partner structures, regional demand, the pipeline of new sites and scenarios."""
