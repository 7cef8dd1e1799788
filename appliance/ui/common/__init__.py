"""The shell shared by every page: frame, role guard, session, formatting, errors, login."""
