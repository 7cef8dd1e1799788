"""Settings (admins): users, enrolment of LiveViewer PCs."""
