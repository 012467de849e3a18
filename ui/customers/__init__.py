"""The Customers screen: a searchable list beside everything one customer has."""
