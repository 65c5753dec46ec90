bash -s <<'ER_PLANNER'
echo 'No az rest block:'
echo 'Add the subscription ID to the plan: the route filter'\''s full resource ID needs it, so no body is shown (a body with a placeholder would fail).'
echo 'The shared key is left out of this body (it is a secret). Add "sharedKey": "<key>" under "properties" before sending it, or turn on "Put the shared key into the outputs"; the az rest block stops until the file has it.'
echo 'A PUT replaces the whole peering. Use it to create MicrosoftPeering: the az rest block stops when MicrosoftPeering is already live with other values.'
ER_PLANNER
