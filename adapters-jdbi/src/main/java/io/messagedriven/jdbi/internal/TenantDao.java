package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the tenants table. */
@RegisterRowMapper(TenantDao.Mapper.class)
interface TenantDao {

  @SqlQuery("select id, slug, name, created_at from <schema>.tenants where id = :id")
  Optional<Tenant> findById(@Bind("id") UUID id);

  @SqlQuery("select id, slug, name, created_at from <schema>.tenants where slug = :slug")
  Optional<Tenant> findBySlug(@Bind("slug") String slug);

  @SqlUpdate("insert into <schema>.tenants (id, slug, name, created_at) values (:id, :slug, :name, :createdAt)")
  void insert(@Bind("id") UUID id, @Bind("slug") String slug, @Bind("name") String name,
      @Bind("createdAt") OffsetDateTime createdAt);

  final class Mapper implements org.jdbi.v3.core.mapper.RowMapper<Tenant> {
    @Override
    public Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Tenant(
          new TenantId(rs.getObject("id", UUID.class)),
          rs.getString("slug"),
          rs.getString("name"),
          rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
  }
}
