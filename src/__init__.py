"""Indonesian news analysis: cleaning, actor co-mentions, sourcing types, validation."""
