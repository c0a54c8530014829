"""Pure Block Kit builders: domain objects in, blocks and views out. No I/O."""
