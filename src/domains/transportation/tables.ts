/**
 * Student transportation (schema `transportation`, seed 004 §11): bus routes, stops and the
 * students' bus assignments.
 */
import { bigserial, boolean, date, index, integer, numeric, serial, time, varchar } from 'drizzle-orm/pg-core';
import { transportationSchema } from '../../platform/db/pg-schemas.js';
import { checkRange, createdAt, tenantFk, tenantKey, tenantKeys, tenantUnique } from '../../platform/db/schema-kit.js';
import { student } from '../edfi/tables.js';

/** Bus route definitions. */
// seed: 004_c704a79166da158a.txt §11 transportation
export const busRoutes = transportationSchema.table(
  'bus_routes',
  {
    tenantId: tenantKey(),
    routeId: serial('route_id').notNull(),
    routeNumber: varchar('route_number', { length: 20 }).notNull(),
    routeDescription: varchar('route_description', { length: 500 }),
    driverName: varchar('driver_name', { length: 200 }),
    driverLicenseNumber: varchar('driver_license_number', { length: 50 }),
    busNumber: varchar('bus_number', { length: 20 }),
    capacity: integer('capacity'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('bus_routes', t.tenantId, t.routeId),
    tenantUnique('bus_routes_route_number_key', t.tenantId, t.routeNumber),
  ],
);

/** Bus stop locations. */
// seed: 004_c704a79166da158a.txt §11 transportation
export const busStops = transportationSchema.table(
  'bus_stops',
  {
    tenantId: tenantKey(),
    stopId: serial('stop_id').notNull(),
    stopName: varchar('stop_name', { length: 200 }).notNull(),
    address: varchar('address', { length: 500 }),
    latitude: numeric('latitude', { precision: 10, scale: 8, mode: 'number' }),
    longitude: numeric('longitude', { precision: 11, scale: 8, mode: 'number' }),
    pickupTime: time('pickup_time'),
    dropoffTime: time('dropoff_time'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('bus_stops', t.tenantId, t.stopId),
    checkRange('bus_stops_latitude_check', t.latitude, -90, 90),
    checkRange('bus_stops_longitude_check', t.longitude, -180, 180),
  ],
);

/** A student's bus assignment (route and stops) over a date range. */
// seed: 004_c704a79166da158a.txt §11 transportation
export const studentTransportation = transportationSchema.table(
  'student_transportation',
  {
    tenantId: tenantKey(),
    assignmentId: bigserial('assignment_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    routeId: integer('route_id').notNull(),
    pickupStopId: integer('pickup_stop_id'),
    dropoffStopId: integer('dropoff_stop_id'),
    effectiveDate: date('effective_date').notNull(),
    endDate: date('end_date'),
    transportationCategory: varchar('transportation_category', { length: 50 }),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('student_transportation', t.tenantId, t.assignmentId),
    tenantFk('student_transportation_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    // Routes and stops are retired with is_active; assignments are history, so RESTRICT.
    tenantFk('student_transportation_route_fkey', [t.tenantId, t.routeId], [busRoutes.tenantId, busRoutes.routeId]),
    tenantFk(
      'student_transportation_pickup_stop_fkey',
      [t.tenantId, t.pickupStopId],
      [busStops.tenantId, busStops.stopId],
    ),
    tenantFk(
      'student_transportation_dropoff_stop_fkey',
      [t.tenantId, t.dropoffStopId],
      [busStops.tenantId, busStops.stopId],
    ),
    index('student_transportation_student_idx').on(t.tenantId, t.studentUsi),
    index('student_transportation_route_idx').on(t.tenantId, t.routeId),
    index('student_transportation_pickup_stop_idx').on(t.tenantId, t.pickupStopId),
    index('student_transportation_dropoff_stop_idx').on(t.tenantId, t.dropoffStopId),
  ],
);
