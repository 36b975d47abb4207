/** Name pools for realistic, obviously fictional demo people. */
export const US_FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Levi',
  'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'James', 'Luna', 'Leo', 'Camila', 'Aiden', 'Gianna', 'Kai',
  'Aaliyah', 'Diego', 'Zoe', 'Omar', 'Priya', 'Wei', 'Fatima', 'Hiro', 'Nia', 'Santiago', 'Chloe', 'Malik',
  'Grace', 'Ethan', 'Layla', 'Jayden', 'Aria', 'Carter', 'Nora', 'Isaiah', 'Hannah', 'Dylan', 'Ruby', 'Caleb',
] as const;

export const US_LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker',
  'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Patel',
  'Kim', 'Okafor', 'Chen', 'Yamamoto', 'Singh',
] as const;

export const BR_FIRST_NAMES = [
  'Ana', 'João', 'Maria', 'Pedro', 'Beatriz', 'Lucas', 'Julia', 'Gabriel', 'Larissa', 'Rafael', 'Camila',
  'Mateus', 'Fernanda', 'Gustavo', 'Letícia', 'Felipe', 'Mariana', 'Thiago', 'Isabela', 'Bruno',
] as const;

export const BR_LAST_NAMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
  'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa',
] as const;

export const SCHOOL_NAMES = [
  'Riverside', 'Maple Grove', 'Cedar Ridge', 'Lakeview', 'Oak Hollow', 'Pine Valley', 'Sunnydale', 'Westbrook',
  'Eastwood', 'Highland', 'Willow Creek', 'Granite Peak',
] as const;
