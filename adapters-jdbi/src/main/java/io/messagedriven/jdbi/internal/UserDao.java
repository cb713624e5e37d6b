package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.User;
import io.messagedriven.domain.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the users table. */
@RegisterRowMapper(UserDao.Mapper.class)
interface UserDao {

  @SqlQuery("select id, tenant_id, email, name, created_at from users where tenant_id = :tenantId and id = :id")
  Optional<User> findById(@Bind("tenantId") UUID tenantId, @Bind("id") UUID id);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from users "
          + "where tenant_id = :tenantId and email_lower = lower(:email)")
  Optional<User> findByEmail(@Bind("tenantId") UUID tenantId, @Bind("email") String email);

  @SqlUpdate(
      "insert into users (id, tenant_id, email, name, created_at) "
          + "values (:id, :tenantId, :email, :name, :createdAt)")
  void insert(@Bind("id") UUID id, @Bind("tenantId") UUID tenantId, @Bind("email") String email,
      @Bind("name") String name, @Bind("createdAt") OffsetDateTime createdAt);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from users where tenant_id = :tenantId "
          + "order by created_at, id limit :limit")
  List<User> listFirst(@Bind("tenantId") UUID tenantId, @Bind("limit") int limit);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from users where tenant_id = :tenantId "
          + "and (created_at, id) > (:createdAt, :id) order by created_at, id limit :limit")
  List<User> listAfter(@Bind("tenantId") UUID tenantId, @Bind("createdAt") OffsetDateTime createdAt,
      @Bind("id") UUID id, @Bind("limit") int limit);

  final class Mapper implements org.jdbi.v3.core.mapper.RowMapper<User> {
    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new User(
          new UserId(rs.getObject("id", UUID.class)),
          new TenantId(rs.getObject("tenant_id", UUID.class)),
          Email.of(rs.getString("email")),
          rs.getString("name"),
          rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
  }
}
