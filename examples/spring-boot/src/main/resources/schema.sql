create table if not exists signups (
  user_id uuid primary key,
  source varchar(20) not null,
  signed_up_at timestamptz not null default now()
);
