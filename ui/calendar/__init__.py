"""The Calendar screen: birthdays, anniversaries and other milestones of the coming weeks."""
