DROP TABLE responses;
DROP TABLE spent_form_tokens;
DROP TABLE access_codes;
DROP TABLE wave_classes;
DROP TABLE waves;
