"""Tools for pack authors: the scaffold of a new pack and the synthetic data its sample is made of."""
