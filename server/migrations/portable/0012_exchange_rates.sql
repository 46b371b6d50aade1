-- The ECB's euro reference rates the operator loaded (`aethex-server rates
-- load`): units of each currency per euro, as exact decimal text.
CREATE TABLE exchange_rates (
    currency TEXT PRIMARY KEY,
    per_euro TEXT NOT NULL,
    as_of TEXT NOT NULL
);
