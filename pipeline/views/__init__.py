"""What people read: summaries and cross-article groupings of claims."""
