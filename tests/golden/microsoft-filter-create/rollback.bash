bash -s <<'ER_PLANNER'
echo 'No rollback: this plan creates peerings and changes nothing live (the clean-up block deletes'
echo 'what it creates, if you opt in). Import a live circuit to plan a change with a rollback.'
ER_PLANNER
