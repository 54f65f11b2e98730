-- Failed logins counted per name typed and client address: five in a row lock that name from that address only,
-- so a stranger cannot keep an official (or the administrator) locked out from everywhere. A name that is no
-- account is counted the same way, so neither the answer nor its time tells whether the account exists.
CREATE TABLE login_failures (
    username        TEXT NOT NULL,
    address         TEXT NOT NULL,
    failures        BIGINT NOT NULL,
    locked_until_ms BIGINT,
    updated_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (username, address)
);
