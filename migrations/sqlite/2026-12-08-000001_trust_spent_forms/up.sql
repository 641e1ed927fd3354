-- Each of the trust box's pupil forms is taken once (`domain::trust_box::form_token`). The answers to
-- them are pages of a POST, left in the tab's history: on a shared computer the next pupil's Back and
-- Reload would send the earlier pupil's letter again (a copy stored, its new receipt shown) or their
-- receipt and PIN (their conversation shown). A form's token is recorded here when the form is sent, in
-- a statement of its own (no message is written in its transaction), and a token found here is refused.
-- A token names nothing but the day its form was shown; a row goes once its token is refused anyway.
CREATE TABLE trust_spent_forms (
    token TEXT PRIMARY KEY NOT NULL,
    kept_until DATE NOT NULL
) WITHOUT ROWID;
