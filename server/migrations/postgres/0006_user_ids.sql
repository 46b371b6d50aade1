-- User ids look like Twitch's (nine digits and up): Twitch clients such as
-- tmi.js read a tag value of "1" as `true`, so small ids broke `user-id` and
-- `room-id`. New users continue from 100000001 (or after the highest id).
SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM users), 100000000));
