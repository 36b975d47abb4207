/** The curriculum's HTTP face: thin routes over courses.ts and progress.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../platform/service/routes.js';
import { requestWork } from '../../platform/service/work.js';
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
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/courses',
      summary: 'The courses the school offers',
      tags,
      response: {
        status: 200,
        description: 'Courses',
        schema: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), isActive: z.boolean() })),
      },
      errors,
    },
    ({ request }) => requestWork(request, (work) => listCourses(work)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses',
      summary: 'Create a course (and its CEFR levels)',
      tags,
      body: createCourseInput,
      response: { status: 201, description: 'The course', schema: courseView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => createCourse(work, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/courses/:courseTypeId',
      summary: 'A course with its levels, modules and lessons, in order',
      tags,
      params: courseParams,
      response: { status: 200, description: 'The course', schema: courseView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => courseTree(work, params.courseTypeId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses/:courseTypeId/levels',
      summary: 'Add a CEFR level (A1–C2) to a course',
      tags,
      params: courseParams,
      body: createLevelInput,
      response: { status: 201, description: 'The level', schema: z.object({ id: z.string(), code: z.string() }) },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => addLevel(work, params.courseTypeId, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses/levels/:levelId/modules',
      summary: 'Add a module at the end of a level',
      tags,
      params: levelParams,
      body: createModuleInput,
      response: { status: 201, description: 'The module', schema: moduleView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => addModule(work, params.levelId, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses/modules/:moduleId/lessons',
      summary: 'Add a lesson (content, objectives, tasks) at the end of a module',
      tags,
      params: moduleParams,
      body: lessonInput,
      response: { status: 201, description: 'The lesson', schema: lessonView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => addLesson(work, params.moduleId, body)),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/courses/lessons/:lessonId',
      summary: "Edit a lesson's content",
      tags,
      params: lessonParams,
      body: updateLessonInput,
      response: { status: 200, description: 'The lesson', schema: lessonView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => updateLesson(work, params.lessonId, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses/lessons/:lessonId/move',
      summary: 'Move a lesson to a position (1-based) in its module',
      tags,
      params: lessonParams,
      body: moveLessonInput,
      response: { status: 200, description: "The module's lessons, in order", schema: z.array(lessonView) },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => moveLesson(work, params.lessonId, body)),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/courses/lessons/:lessonId',
      summary: 'Remove a lesson (the others close the gap)',
      tags,
      params: lessonParams,
      response: { status: 204, description: 'Removed' },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => removeLesson(work, params.lessonId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/courses/progress',
      summary: 'Record a completed lesson (once) and award the badges it earns',
      tags,
      body: completeLessonInput,
      response: { status: 200, description: 'Progress and new badges', schema: progressView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => completeLesson(work, body)),
  );
}
