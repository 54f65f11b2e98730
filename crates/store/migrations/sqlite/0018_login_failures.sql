-- Failed logins counted per name typed and client address: five in a row lock that name from that address only,
-- so a stranger cannot keep an official (or the administrator) locked out from everywhere. A name that is no
-- account is counted the same way, so neither the answer nor its time tells whether the account exists.
CREATE TABLE login_failures (
    username        TEXT NOT NULL,
    address         TEXT NOT NULL,
    failures        INTEGER NOT NULL,
    locked_until_ms INTEGER,
    updated_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (username, address)
);
