-- Dashboard users created at run time (the bootstrap admin); users from configuration are not stored.
CREATE TABLE admin_users (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    created_at    BIGINT       NOT NULL
);
