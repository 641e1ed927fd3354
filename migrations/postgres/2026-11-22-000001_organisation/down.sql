DROP TABLE login_throttle;
DROP TABLE users;
DROP TABLE classes;
DROP TABLE schools;
DROP TABLE centres;
DROP TABLE regions;
