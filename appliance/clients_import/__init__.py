"""Import of a client's people, equipment, credentials and licenses from the spreadsheets an
office already keeps, and export of the same back to a spreadsheet.

Pure file handling, no store: ``reading`` turns CSV/XLSX bytes into rows with their line
numbers, ``kinds`` names each kind's fields and the header words that mean them, ``mapping``
guesses which column is which field, ``rows`` checks every row with the domain's validators and
names the line and column of each problem, ``writing`` makes a spreadsheet of rows. The service
``appliance.services.client_import`` puts them together with the store, in one transaction.
"""
