DROP TABLE trust_messages;
DROP TABLE trust_conversations;
