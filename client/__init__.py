"""LiveViewer ServiceDesk: the employee's one-click request client."""

__version__ = "0.1.0"
