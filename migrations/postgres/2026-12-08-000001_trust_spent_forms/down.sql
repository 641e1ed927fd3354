-- Forms of the trust box can be sent again.
DROP TABLE trust_spent_forms;
