# No rollback: this plan creates peerings and changes nothing live (the clean-up block deletes
# what it creates, if you opt in). Import a live circuit to plan a change with a rollback.
