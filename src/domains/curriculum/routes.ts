/** The curriculum's HTTP face: thin routes over courses.ts and progress.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../platform/service/routes.js';
import {
  addLesson,
  addLevel,
  addModule,
  courseTree,
  createCourse,
  listCourses,
  moveLesson,
  removeLesson,
  updateLesson,
} from './courses.js';
import { CURRICULUM_ERROR_CODES } from './errors.js';
import { completeLesson } from './progress.js';
import {
  completeLessonInput,
  courseParams,
  courseView,
  createCourseInput,
  createLevelInput,
  createModuleInput,
  lessonInput,
  lessonParams,
  lessonView,
  levelParams,
  moduleParams,
  moduleView,
  moveLessonInput,
  progressView,
  updateLessonInput,
} from './schemas.js';

const tags = ['language school: curriculum'];
const errors = CURRICULUM_ERROR_CODES;

export const CURRICULUM_PATHS = {
  courses: '/api/v1/courses',
  levels: '/api/v1/courses/{courseTypeId}/levels',
  modules: '/api/v1/courses/levels/{levelId}/modules',
  lessons: '/api/v1/courses/modules/{moduleId}/lessons',
  lesson: '/api/v1/courses/lessons/{lessonId}',
  progress: '/api/v1/courses/progress',
} as const;

export function curriculumRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'GET',
    url: '/api/v1/courses',
    summary: 'The courses the school offers',
    response: {
      status: 200,
      description: 'Courses',
      schema: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), isActive: z.boolean() })),
    },
    run: (work) => listCourses(work),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses',
    summary: 'Create a course (and its CEFR levels)',
    body: createCourseInput,
    response: { status: 201, description: 'The course', schema: courseView },
    run: (work, { body }) => createCourse(work, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/courses/:courseTypeId',
    summary: 'A course with its levels, modules and lessons, in order',
    params: courseParams,
    response: { status: 200, description: 'The course', schema: courseView },
    run: (work, { params }) => courseTree(work, params.courseTypeId),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses/:courseTypeId/levels',
    summary: 'Add a CEFR level (A1–C2) to a course',
    params: courseParams,
    body: createLevelInput,
    response: { status: 201, description: 'The level', schema: z.object({ id: z.string(), code: z.string() }) },
    run: (work, { params, body }) => addLevel(work, params.courseTypeId, body),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses/levels/:levelId/modules',
    summary: 'Add a module at the end of a level',
    params: levelParams,
    body: createModuleInput,
    response: { status: 201, description: 'The module', schema: moduleView },
    run: (work, { params, body }) => addModule(work, params.levelId, body),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses/modules/:moduleId/lessons',
    summary: 'Add a lesson (content, objectives, tasks) at the end of a module',
    params: moduleParams,
    body: lessonInput,
    response: { status: 201, description: 'The lesson', schema: lessonView },
    run: (work, { params, body }) => addLesson(work, params.moduleId, body),
  });
  serve({
    method: 'PATCH',
    url: '/api/v1/courses/lessons/:lessonId',
    summary: "Edit a lesson's content",
    params: lessonParams,
    body: updateLessonInput,
    response: { status: 200, description: 'The lesson', schema: lessonView },
    run: (work, { params, body }) => updateLesson(work, params.lessonId, body),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses/lessons/:lessonId/move',
    summary: 'Move a lesson to a position (1-based) in its module',
    params: lessonParams,
    body: moveLessonInput,
    response: { status: 200, description: "The module's lessons, in order", schema: z.array(lessonView) },
    run: (work, { params, body }) => moveLesson(work, params.lessonId, body),
  });
  serve({
    method: 'DELETE',
    url: '/api/v1/courses/lessons/:lessonId',
    summary: 'Remove a lesson (the others close the gap)',
    params: lessonParams,
    response: { status: 204, description: 'Removed' },
    run: (work, { params }) => removeLesson(work, params.lessonId),
  });
  serve({
    method: 'POST',
    url: '/api/v1/courses/progress',
    summary: 'Record a completed lesson (once) and award the badges it earns',
    body: completeLessonInput,
    response: { status: 200, description: 'Progress and new badges', schema: progressView },
    run: (work, { body }) => completeLesson(work, body),
  });
}
