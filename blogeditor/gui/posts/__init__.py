"""The post list: its Qt model, view and delegate, and the commands on posts."""
