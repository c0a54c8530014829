"""A member's own data (export, deletion on request) and a whole workspace's data (deletion on uninstall)."""
